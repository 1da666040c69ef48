package io.jwtguard.runtime.guard;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Where an application asks the container to protect requests itself: {@code <security-constraint>}
 * in {@code WEB-INF/web.xml} or in a {@code META-INF/web-fragment.xml}, and {@code @ServletSecurity}
 * on a registered servlet. The container enforces those before any filter, so a bearer token is
 * accepted there only through JWT Guard's Jakarta Security mechanism. Programmatic
 * {@code ServletRegistration.Dynamic.setServletSecurity} is not visible here.
 *
 * <p>Descriptors are read with a StAX reader that neither reads a DTD nor resolves entities. A
 * descriptor that cannot be parsed is reported as a possible constraint (the safe side). Stateless.
 */
public final class ContainerConstraints {
    private static final String CONSTRAINT = "security-constraint";
    private static final String SERVLET_SECURITY = "jakarta.servlet.annotation.ServletSecurity";
    private static final String CLASSES = "/WEB-INF/classes/";
    private static final String LIB = "/WEB-INF/lib/";

    private ContainerConstraints() {
    }

    /**
     * @param context the application's servlet context, not null
     * @param loader the application's class loader, not null
     * @return where the application declares container security constraints, described for a
     *     message; empty when nowhere
     */
    public static List<String> find(ServletContext context, ClassLoader loader) {
        List<String> found = new ArrayList<>();
        try (InputStream webXml = context.getResourceAsStream("/WEB-INF/web.xml")) {
            if (webXml != null) {
                declares(webXml, "WEB-INF/web.xml").ifPresent(found::add);
            }
        } catch (IOException e) {
            found.add("WEB-INF/web.xml (unreadable: " + e.getMessage() + ")");
        }
        found.addAll(inFragments(loader));
        for (Map.Entry<String, ? extends ServletRegistration> servlet : context.getServletRegistrations().entrySet()) {
            String className = servlet.getValue().getClassName();
            if (className != null && servletSecurity(className, loader)) {
                found.add("@ServletSecurity on " + className);
            }
        }
        return found;
    }

    /**
     * Where {@code WEB-INF/web.xml} is, seen from one of the application's classes: beside the
     * {@code WEB-INF/classes} folder or the {@code WEB-INF/lib} jar that the class was loaded from.
     *
     * @param classResource the resource URL of a class ({@code ClassLoader.getResource}), null allowed
     * @return the URL of the application's {@code WEB-INF/web.xml} (which may not exist); empty when
     *     the class is not in {@code WEB-INF} (a server or API class) or the URL is not understood
     */
    public static Optional<URL> webXmlBeside(URL classResource) {
        if (classResource == null) {
            return Optional.empty();
        }
        String url = classResource.toString();
        int at = Math.max(url.lastIndexOf(CLASSES), url.lastIndexOf(LIB));
        if (at < 0) {
            return Optional.empty();
        }
        String archive = url.substring(0, at);
        if (archive.indexOf('!') < 0 && archive.matches("^[a-z]+:[a-z]+:.*")) {
            // a jar in an expanded application (jar:file:/app/WEB-INF/lib/a.jar!/...): the folder itself
            archive = archive.substring(archive.indexOf(':') + 1);
        }
        return toUrl(archive + "/WEB-INF/web.xml");
    }

    /**
     * Reads {@code WEB-INF/web.xml} and the {@code web-fragment.xml} files before a servlet context
     * exists (the CDI extension, after type discovery).
     *
     * @param loader the application's class loader, not null
     * @param webXml where {@code WEB-INF/web.xml} is ({@link #webXmlBeside}); empty when that is not
     *     known
     * @param example a class location, for the message when {@code webXml} is empty; null allowed
     * @return where the application declares constraints, described for a message; a descriptor that
     *     cannot be located or read counts as one (the safe side)
     */
    public static List<String> beforeStart(ClassLoader loader, Optional<URL> webXml, String example) {
        List<String> found = new ArrayList<>();
        if (webXml.isEmpty()) {
            found.add("WEB-INF/web.xml (cannot be located: no class of the application was found in WEB-INF"
                    + (example == null ? "" : "; the first one came from " + example) + ")");
        } else {
            try (InputStream in = webXml.get().openStream()) {
                declares(in, "WEB-INF/web.xml").ifPresent(found::add);
            } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
                // no web.xml: nothing declared there
            } catch (IOException e) {
                found.add("WEB-INF/web.xml (unreadable: " + e.getMessage() + ")");
            }
        }
        found.addAll(inFragments(loader));
        return found;
    }

    private static Optional<URL> toUrl(String url) {
        try {
            return Optional.of(new URL(url));
        } catch (java.net.MalformedURLException e) {
            return Optional.empty();
        }
    }

    private static List<String> inFragments(ClassLoader loader) {
        List<String> found = new ArrayList<>();
        try {
            Enumeration<URL> fragments = loader.getResources("META-INF/web-fragment.xml");
            while (fragments.hasMoreElements()) {
                URL fragment = fragments.nextElement();
                try (InputStream in = fragment.openStream()) {
                    declares(in, fragment.toString()).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            found.add("META-INF/web-fragment.xml (unreadable: " + e.getMessage() + ")");
        }
        return found;
    }

    /**
     * @param descriptor a deployment descriptor, not null
     * @param name its name in messages
     * @return the description of its constraint when it declares one, or when it cannot be parsed
     */
    public static Optional<String> declares(InputStream descriptor, String name) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(descriptor);
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamReader.START_ELEMENT && CONSTRAINT.equals(reader.getLocalName())) {
                        return Optional.of(name + ": <" + CONSTRAINT + ">");
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            return Optional.of(name + " (cannot be parsed: " + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    private static boolean servletSecurity(String className, ClassLoader loader) {
        try {
            for (Annotation annotation : Class.forName(className, false, loader).getAnnotations()) {
                if (SERVLET_SECURITY.equals(annotation.annotationType().getName())) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // the container's own servlet (a JSP or default servlet), not the application's
        }
    }
}
